import re
from collections import Counter

TEXT = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair.
"""


def word_frequencies(text):
    words = re.findall(r"[a-z']+", text.lower())
    return Counter(words)


def main():
    freq = word_frequencies(TEXT)
    print(f"Total words: {sum(freq.values())}")
    print(f"Unique words: {len(freq)}")
    print("Top 5 words:")
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    for word, count in ranked[:5]:
        print(f"  {word:<8} {count:>3} {'*' * count}")
    singles = sorted(w for w, c in freq.items() if c == 1)
    print("Words used once:", ", ".join(singles))


if __name__ == "__main__":
    main()
