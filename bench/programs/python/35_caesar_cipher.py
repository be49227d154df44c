def shift_char(ch, shift):
    if ch.isupper():
        return chr((ord(ch) - 65 + shift) % 26 + 65)
    if ch.islower():
        return chr((ord(ch) - 97 + shift) % 26 + 97)
    return ch


def encrypt(text, shift):
    return "".join(shift_char(c, shift) for c in text)


def decrypt(text, shift):
    return encrypt(text, -shift)


def crack(ciphertext):
    """Guess the shift: the one whose plaintext has the most common English letters."""
    common = "etaoinshr"
    best = max(range(26), key=lambda s: (sum(decrypt(ciphertext, s).lower().count(c) for c in common), -s))
    return best, decrypt(ciphertext, best)


message = "The Quick Brown Fox Jumps Over The Lazy Dog!"
for shift in (3, 13, 25):
    enc = encrypt(message, shift)
    print(f"shift {shift:>2}: {enc}")
    assert decrypt(enc, shift) == message
secret = encrypt("Meet me at the usual place at ten rather than eight o'clock", 7)
print("Ciphertext:", secret)
shift, plain = crack(secret)
print(f"Cracked shift {shift}: {plain}")
print("ROT13 twice:", encrypt(encrypt("Hello, World", 13), 13))
