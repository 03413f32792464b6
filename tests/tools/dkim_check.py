"""Verifies the DKIM signature of each message with dkimpy, an independent verifier, against
the public key given (as a DNS TXT record would publish it). Prints one line per message:
`pass` or `fail`. Arguments: public key PEM file, selector, domain, message files..."""
import base64
import sys

import dkim


def txt_record(pem):
    body = "".join(l for l in pem.splitlines() if l and not l.startswith("-----"))
    der = base64.b64decode(body)
    # An Ed25519 SubjectPublicKeyInfo is 44 bytes, the key its last 32; RSA keys are
    # published as the whole SubjectPublicKeyInfo.
    if len(der) == 44 and der[6:9] == b"\x2b\x65\x70":
        return b"v=DKIM1; k=ed25519; p=" + base64.b64encode(der[12:])
    return b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)


def main():
    pem_file, selector, domain, *messages = sys.argv[1:]
    record = txt_record(open(pem_file).read())
    wanted = f"{selector}._domainkey.{domain}.".encode()

    def dns(name, timeout=5):
        return record if name == wanted else None

    for path in messages:
        data = open(path, "rb").read()
        print("pass" if dkim.verify(data, dnsfunc=dns) else "fail")


if __name__ == "__main__":
    main()
