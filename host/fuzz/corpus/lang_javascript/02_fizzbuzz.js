function fizzbuzz(n) {
  if (n % 15 === 0) return 'FizzBuzz';
  if (n % 3 === 0) return 'Fizz';
  if (n % 5 === 0) return 'Buzz';
  return String(n);
}

const results = [];
for (let i = 1; i <= 30; i++) {
  results.push(fizzbuzz(i));
}
results.forEach((value) => console.log(value));

const count = (word) => results.filter((r) => r === word).length;
console.log(`Fizz: ${count('Fizz')}, Buzz: ${count('Buzz')}, FizzBuzz: ${count('FizzBuzz')}`);
