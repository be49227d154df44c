def reverse_words(sentence):
    return " ".join(reversed(sentence.split()))


def reverse_each_word(sentence):
    return " ".join(word[::-1] for word in sentence.split())


def capitalize_words(sentence):
    return " ".join(word[:1].upper() + word[1:] for word in sentence.split())


sentences = [
    "the quick brown fox jumps over the lazy dog",
    "hello world",
    "  leading and trailing spaces  ",
]
for s in sentences:
    print(f"Original:    '{s}'")
    print(f"Reversed:    '{reverse_words(s)}'")
    print(f"Each word:   '{reverse_each_word(s)}'")
    print(f"Capitalized: '{capitalize_words(s)}'")
    print()
