// Line and column of an offset: the line starts are found once per text, then each lookup is a
// binary search (placing 20,000 problems must not scan the text 20,000 times).

export type Position = (offset: number) => { readonly line: number; readonly column: number };

export function positionsOf(text: string): Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (starts === undefined) {
      starts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

export function lineAndColumn(position: Position, offset: number): string {
  const { line, column } = position(offset);
  return `line ${line}, column ${column}`;
}
