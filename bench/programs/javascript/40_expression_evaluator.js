const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2, '^': 3 };
const RIGHT_ASSOC = new Set(['^']);

function tokenize(expr) {
  const tokens = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (/[\d.]/.test(ch)) {
      let j = i;
      while (j < expr.length && /[\d.]/.test(expr[j])) j++;
      tokens.push(parseFloat(expr.slice(i, j)));
      i = j;
    } else if (ch in PRECEDENCE || ch === '(' || ch === ')') {
      const last = tokens[tokens.length - 1];
      if (ch === '-' && (tokens.length === 0 || last in PRECEDENCE || last === '(')) {
        tokens.push(0);
      }
      tokens.push(ch);
      i++;
    } else {
      throw new SyntaxError(`unexpected character '${ch}' at ${i}`);
    }
  }
  return tokens;
}

function toRpn(tokens) {
  const output = [];
  const ops = [];
  for (const tok of tokens) {
    if (typeof tok === 'number') {
      output.push(tok);
    } else if (tok === '(') {
      ops.push(tok);
    } else if (tok === ')') {
      while (ops.length && ops[ops.length - 1] !== '(') output.push(ops.pop());
      if (!ops.length) throw new SyntaxError('mismatched parentheses');
      ops.pop();
    } else {
      while (ops.length) {
        const top = ops[ops.length - 1];
        if (top === '(') break;
        if (PRECEDENCE[top] > PRECEDENCE[tok] || (PRECEDENCE[top] === PRECEDENCE[tok] && !RIGHT_ASSOC.has(tok))) {
          output.push(ops.pop());
        } else {
          break;
        }
      }
      ops.push(tok);
    }
  }
  while (ops.length) {
    const op = ops.pop();
    if (op === '(') throw new SyntaxError('mismatched parentheses');
    output.push(op);
  }
  return output;
}

function evalRpn(rpn) {
  const stack = [];
  for (const tok of rpn) {
    if (typeof tok === 'number') {
      stack.push(tok);
      continue;
    }
    const b = stack.pop();
    const a = stack.pop();
    switch (tok) {
      case '+': stack.push(a + b); break;
      case '-': stack.push(a - b); break;
      case '*': stack.push(a * b); break;
      case '/':
        if (b === 0) throw new RangeError('division by zero');
        stack.push(a / b);
        break;
      case '%': stack.push(a % b); break;
      case '^': stack.push(a ** b); break;
      default: throw new SyntaxError(`unknown operator ${tok}`);
    }
  }
  return stack[0];
}

const fmtNumber = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(4));
const rpnText = (rpn) => rpn.map((t) => (typeof t === 'number' ? fmtNumber(t) : t)).join(' ');

const expressions = [
  '1 + 2 * 3',
  '(1 + 2) * 3',
  '10 / 4',
  '2 ^ 3 ^ 2',
  '-5 + 3 * (2 - 8)',
  '17 % 5 + 0.5',
  '((2.5 + 2.5) * (3 - 1)) / 4',
  '100 - 99 - 1',
  '7 / (3 - 3)',
  '(1 + 2',
  '3 $ 4',
];
for (const expr of expressions) {
  try {
    const rpn = toRpn(tokenize(expr));
    const value = evalRpn(rpn);
    console.log(`${expr.padEnd(28)} = ${fmtNumber(value).padEnd(10)} RPN: ${rpnText(rpn)}`);
  } catch (e) {
    console.log(`${expr.padEnd(28)} ! error: ${e.message}`);
  }
}
