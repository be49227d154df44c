function greet(name, excited = false) {
  let greeting = `Hello, ${name}!`;
  if (excited) {
    greeting = greeting.toUpperCase();
  }
  return greeting;
}

function main() {
  const names = ['Alice', 'Bob', 'Charlie'];
  for (const name of names) {
    console.log(greet(name));
  }
  console.log(greet('world', true));
  console.log(`Greeted ${names.length + 1} people.`);
}

main();
