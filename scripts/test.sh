#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and every database test on SQLite, on PostgreSQL and
# on MariaDB. Starts (or installs) the local PostgreSQL and MariaDB servers when they are not
# running.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${COVOIT_TEST_POSTGRES_URL:=postgres://postgres@127.0.0.1:5432/test}"
export COVOIT_TEST_POSTGRES_URL

postgres_ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -d "$COVOIT_TEST_POSTGRES_URL"
}

if ! postgres_ready; then
    echo "PostgreSQL is not answering at $COVOIT_TEST_POSTGRES_URL: starting it" >&2
    if ! command -v pg_ctlcluster >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        for version in $(ls /etc/postgresql); do
            pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        done
    fi
    for _ in $(seq 1 60); do
        postgres_ready && break
        sleep 0.5
    done
    postgres_ready || { echo "PostgreSQL could not be started" >&2; exit 1; }
fi

# MariaDB (root over TCP, no password): the same scenarios run on it as on PostgreSQL.
: "${COVOIT_TEST_MYSQL_URL:=mysql://root@127.0.0.1:3306/test}"
export COVOIT_TEST_MYSQL_URL

mariadb_ready() {
    command -v mariadb-admin >/dev/null 2>&1 &&
        mariadb-admin --host=127.0.0.1 --port=3306 --user=root --connect-timeout=2 ping >/dev/null 2>&1
}

if ! mariadb_ready; then
    echo "MariaDB is not answering at 127.0.0.1:3306: starting it" >&2
    if [ ! -x /usr/sbin/mariadbd ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
    fi
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do
        mariadb_ready && break
        sleep 0.5
    done
    mariadb_ready || { echo "MariaDB could not be started" >&2; exit 1; }
fi
# Root signs in without a password over TCP (a fresh Debian install uses the unix socket).
if ! mariadb --host=127.0.0.1 --user=root -e 'SELECT 1' >/dev/null 2>&1; then
    mariadb --user=root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
fi

# The widget's browser test drives Debian's Chromium through ChromeDriver; the loader's unit
# tests run on Node. Install them when missing (a fresh machine has neither browser).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Bounces are read from a real IMAP server (Dovecot); emails are scored by SpamAssassin.
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
command -v spamassassin >/dev/null 2>&1 || missing+=(spamassassin)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Calendar files are checked by two independent parsers (Python's icalendar and vobject), DKIM
# signatures by an independent verifier (dkimpy, with PyNaCl for Ed25519).
if ! python3 -c 'import icalendar, vobject, dkim, nacl' >/dev/null 2>&1; then
    echo "installing the Python checkers (icalendar, vobject, dkimpy, pynacl)" >&2
    python3 -m pip install --quiet --disable-pip-version-check icalendar vobject dkimpy pynacl dnspython
fi

# The phone story checks each page with axe-core inside Chromium and with the Nu HTML checker
# (a Java program): project-local copies, from npm.
if [ ! -f tests/js/node_modules/axe-core/axe.min.js ] ||
    [ ! -f tests/js/node_modules/vnu-jar/build/dist/vnu.jar ]; then
    npm install --prefix tests/js --no-save --no-package-lock --no-audit --no-fund \
        axe-core@4.14.1 vnu-jar@26.9.27 >/dev/null
fi

# The API's contract: its OpenAPI document checked by an independent validator, and the live
# server by Schemathesis (the `st` command).
if ! python3 -c 'import openapi_spec_validator' >/dev/null 2>&1 || ! command -v st >/dev/null 2>&1; then
    echo "installing the API checkers (openapi-spec-validator, schemathesis)" >&2
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator 'schemathesis>=4.3,<5'
fi

# The API page (/api/docs) draws the document with Swagger UI as deployments install it.
[ -f vendor/swagger-ui/swagger-ui-bundle.js ] || ./scripts/install_api_docs.sh >/dev/null

# The interactive map's browser test draws with Leaflet as deployments install it (from npm).
[ -f vendor/leaflet/leaflet.js ] || ./scripts/install_map.sh >/dev/null

node --test tests/js/
cargo test --workspace "$@"
# The tests that load the whole machine (thousands of hostile sockets against timing bounds)
# are marked #[ignore] and run here, alone, one at a time, when the whole suite was asked for.
if [ "$#" -eq 0 ]; then
    cargo test --test suite -- --ignored --test-threads=1
fi
