def rle_encode(s):
    if not s:
        return ""
    out = []
    count = 1
    for prev, cur in zip(s, s[1:]):
        if cur == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            count = 1
    out.append(f"{count}{s[-1]}")
    return "".join(out)


def rle_decode(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * int(num))
            num = ""
    return "".join(out)


samples = ["WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "aabcccccaaa", "abc", "", "zzzzzzzzzzzz"]
for s in samples:
    enc = rle_encode(s)
    dec = rle_decode(enc)
    ratio = len(enc) / len(s) if s else 0
    print(f"'{s[:20]}{'...' if len(s) > 20 else ''}' ({len(s)}) -> '{enc}' ({len(enc)}), ratio {ratio:.2f}, ok={dec == s}")
