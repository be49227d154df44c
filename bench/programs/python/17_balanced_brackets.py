PAIRS = {")": "(", "]": "[", "}": "{"}


def is_balanced(expr):
    stack = []
    for i, ch in enumerate(expr):
        if ch in "([{":
            stack.append(ch)
        elif ch in PAIRS:
            if not stack or stack[-1] != PAIRS[ch]:
                return False, i
            stack.pop()
    if stack:
        return False, len(expr)
    return True, -1


tests = [
    "()",
    "([]{})",
    "(]",
    "([)]",
    "{[()()]}",
    "((())",
    "function(a) { return [a, (b)]; }",
    "",
]
for t in tests:
    ok, pos = is_balanced(t)
    if ok:
        print(f"{t!r}: balanced")
    else:
        print(f"{t!r}: unbalanced at position {pos}")
