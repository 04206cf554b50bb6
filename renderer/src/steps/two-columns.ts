/** Answers this short (in characters) sit two to a row, even in the largest text. */
const SHORT = 24;

/** Four or more short answers are laid out in two columns: the list is half as tall, and still reads in order. */
export function twoColumns(texts: readonly string[]): boolean {
  return texts.length >= 4 && texts.every((text) => [...text].length <= SHORT);
}
