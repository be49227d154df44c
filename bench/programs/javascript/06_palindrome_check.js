function isPalindrome(text) {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return cleaned === cleaned.split('').reverse().join('');
}

function longestPalindromicSubstring(s) {
  let best = '';
  for (let center = 0; center < s.length; center++) {
    for (const [l0, r0] of [[center, center], [center, center + 1]]) {
      let left = l0;
      let right = r0;
      while (left >= 0 && right < s.length && s[left] === s[right]) {
        left--;
        right++;
      }
      const candidate = s.slice(left + 1, right);
      if (candidate.length > best.length) best = candidate;
    }
  }
  return best;
}

const phrases = [
  'racecar',
  'A man, a plan, a canal: Panama',
  'hello',
  'Was it a car or a cat I saw?',
  'No lemon, no melon',
  'Python',
];
for (const phrase of phrases) {
  const verdict = isPalindrome(phrase) ? 'is' : 'is not';
  console.log(`"${phrase}" ${verdict} a palindrome`);
}
for (const word of ['babad', 'cbbd', 'forgeeksskeegfor']) {
  console.log(`Longest palindrome in ${word}: ${longestPalindromicSubstring(word)}`);
}
