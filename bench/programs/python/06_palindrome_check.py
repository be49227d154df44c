def is_palindrome(text):
    cleaned = "".join(ch.lower() for ch in text if ch.isalnum())
    return cleaned == cleaned[::-1]


def longest_palindromic_substring(s):
    best = ""
    for center in range(len(s)):
        for left, right in ((center, center), (center, center + 1)):
            while left >= 0 and right < len(s) and s[left] == s[right]:
                left -= 1
                right += 1
            candidate = s[left + 1:right]
            if len(candidate) > len(best):
                best = candidate
    return best


phrases = [
    "racecar",
    "A man, a plan, a canal: Panama",
    "hello",
    "Was it a car or a cat I saw?",
    "No lemon, no melon",
    "Python",
]
for phrase in phrases:
    verdict = "is" if is_palindrome(phrase) else "is not"
    print(f'"{phrase}" {verdict} a palindrome')

for word in ("babad", "cbbd", "forgeeksskeegfor"):
    print(f"Longest palindrome in {word}: {longest_palindromic_substring(word)}")
