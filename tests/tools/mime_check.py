"""Parses each message with Python's email package (the modern policy, which records every
defect it finds in the MIME structure and in each header) and prints one line per message:
`<file>\t<number of defects>\t<defects>`. Arguments: message files."""
import email
import email.policy
import sys


def defects(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    found = []
    for part in msg.walk():
        found.extend(type(d).__name__ for d in part.defects)
        for name, value in part.items():
            found.extend(f"{name}:{type(d).__name__}" for d in getattr(value, "defects", ()))
        if not part.is_multipart():
            # Decoding the body finds bad base64 or quoted-printable.
            part.get_content()
            found.extend(type(d).__name__ for d in part.defects)
    return sorted(set(found))


def main():
    for path in sys.argv[1:]:
        d = defects(path)
        print(f"{path}\t{len(d)}\t{' '.join(d)}")


if __name__ == "__main__":
    main()
