const PAIRS = { ')': '(', ']': '[', '}': '{' };

function isBalanced(expr) {
  const stack = [];
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if ('([{'.includes(ch)) {
      stack.push(ch);
    } else if (ch in PAIRS) {
      if (stack.length === 0 || stack[stack.length - 1] !== PAIRS[ch]) {
        return { ok: false, pos: i };
      }
      stack.pop();
    }
  }
  if (stack.length) return { ok: false, pos: expr.length };
  return { ok: true, pos: -1 };
}

const tests = ['()', '([]{})', '(]', '([)]', '{[()()]}', '((())', 'function(a) { return [a, (b)]; }', ''];
for (const t of tests) {
  const { ok, pos } = isBalanced(t);
  console.log(ok ? `'${t}': balanced` : `'${t}': unbalanced at position ${pos}`);
}
