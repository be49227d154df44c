PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2, "^": 3}
RIGHT_ASSOC = {"^"}


def tokenize(expr):
    tokens, i = [], 0
    while i < len(expr):
        ch = expr[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(expr) and (expr[j].isdigit() or expr[j] == "."):
                j += 1
            tokens.append(float(expr[i:j]))
            i = j
        elif ch in PRECEDENCE or ch in "()":
            # Unary minus: at the start or after an operator / opening paren.
            if ch == "-" and (not tokens or tokens[-1] in PRECEDENCE or tokens[-1] == "("):
                tokens.append(0.0)
            tokens.append(ch)
            i += 1
        else:
            raise ValueError(f"unexpected character {ch!r} at {i}")
    return tokens


def to_rpn(tokens):
    output, ops = [], []
    for tok in tokens:
        if isinstance(tok, float):
            output.append(tok)
        elif tok == "(":
            ops.append(tok)
        elif tok == ")":
            while ops and ops[-1] != "(":
                output.append(ops.pop())
            if not ops:
                raise ValueError("mismatched parentheses")
            ops.pop()
        else:
            while (ops and ops[-1] != "(" and
                   (PRECEDENCE[ops[-1]] > PRECEDENCE[tok] or
                    (PRECEDENCE[ops[-1]] == PRECEDENCE[tok] and tok not in RIGHT_ASSOC))):
                output.append(ops.pop())
            ops.append(tok)
    while ops:
        op = ops.pop()
        if op == "(":
            raise ValueError("mismatched parentheses")
        output.append(op)
    return output


def eval_rpn(rpn):
    stack = []
    for tok in rpn:
        if isinstance(tok, float):
            stack.append(tok)
            continue
        b, a = stack.pop(), stack.pop()
        if tok == "+":
            stack.append(a + b)
        elif tok == "-":
            stack.append(a - b)
        elif tok == "*":
            stack.append(a * b)
        elif tok == "/":
            if b == 0:
                raise ZeroDivisionError("division by zero")
            stack.append(a / b)
        elif tok == "%":
            stack.append(a % b)
        elif tok == "^":
            stack.append(a ** b)
    return stack[0]


def fmt_number(x):
    return str(int(x)) if x == int(x) else f"{x:.4f}"


def rpn_text(rpn):
    return " ".join(fmt_number(t) if isinstance(t, float) else t for t in rpn)


def evaluate(expr):
    rpn = to_rpn(tokenize(expr))
    return eval_rpn(rpn), rpn_text(rpn)


expressions = [
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "10 / 4",
    "2 ^ 3 ^ 2",
    "-5 + 3 * (2 - 8)",
    "17 % 5 + 0.5",
    "((2.5 + 2.5) * (3 - 1)) / 4",
    "100 - 99 - 1",
    "7 / (3 - 3)",
    "(1 + 2",
    "3 $ 4",
]
for expr in expressions:
    try:
        value, rpn = evaluate(expr)
        print(f"{expr:<28} = {fmt_number(value):<10} RPN: {rpn}")
    except (ValueError, ZeroDivisionError) as e:
        print(f"{expr:<28} ! error: {e}")
