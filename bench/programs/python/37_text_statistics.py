TEXT = """Python is a high-level, general-purpose programming language. Its design philosophy
emphasizes code readability with the use of significant indentation. Python is dynamically
typed and garbage-collected. It supports multiple programming paradigms, including structured,
object-oriented and functional programming. It is often described as a "batteries included"
language due to its comprehensive standard library."""


def sentences(text):
    parts = text.replace("\n", " ").split(".")
    return [p.strip() for p in parts if p.strip()]


def words(text):
    cleaned = "".join(c.lower() if c.isalpha() or c in "-'" else " " for c in text)
    return cleaned.split()


def main():
    ws = words(TEXT)
    ss = sentences(TEXT)
    letters = sum(c.isalpha() for c in TEXT)
    vowels = sum(c in "aeiou" for c in TEXT.lower())
    print(f"Characters: {len(TEXT)}")
    print(f"Letters: {letters} (vowels {vowels}, consonants {letters - vowels})")
    print(f"Words: {len(ws)}, unique: {len(set(ws))}")
    print(f"Sentences: {len(ss)}")
    print(f"Average word length: {sum(map(len, ws)) / len(ws):.2f}")
    print(f"Average words per sentence: {len(ws) / len(ss):.2f}")
    longest = max(ws, key=lambda w: (len(w), w))
    print(f"Longest word: {longest} ({len(longest)})")
    lengths = {}
    for w in ws:
        lengths[len(w)] = lengths.get(len(w), 0) + 1
    print("Word length histogram:")
    for length in sorted(lengths):
        print(f"  {length:>2}: {'#' * lengths[length]}")


main()
