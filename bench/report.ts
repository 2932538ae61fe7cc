export interface Result {
  name: string;
  value: number;
  unit: string;
  /** The goal, in the same unit; omitted for figures printed only for comparison. */
  goal?: number;
  /** true when lower is better (a duration), false for a rate. */
  lowerIsBetter: boolean;
}

/** Prints one figure with its goal and the ratio (≥ 1 means the goal is met). */
export function report(r: Result): void {
  let line = `${r.name.padEnd(56)} ${r.value.toFixed(2).padStart(12)} ${r.unit.padEnd(9)}`;
  if (r.goal !== undefined) {
    const ratio = r.lowerIsBetter ? r.goal / r.value : r.value / r.goal;
    line += ` goal ${r.lowerIsBetter ? '≤' : '≥'} ${r.goal} ${r.unit}  ratio ${ratio.toFixed(2)}${ratio >= 1 ? '' : '  ← below goal'}`;
  }
  console.log(line);
}

/** Prints a ratio between two figures of the same run. */
export function ratio(name: string, value: number, explanation: string): void {
  console.log(`${name.padEnd(56)} ${value.toFixed(2).padStart(12)} ×         ${explanation}`);
}
