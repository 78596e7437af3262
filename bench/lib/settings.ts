/** Benchmark settings come from the environment, parsed once; a bad value stops the run at once. */

export function intSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export function oneOfSetting<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = process.env[name] || fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be ${allowed.join(' or ')}, got "${raw}"`);
  }
  return raw as T;
}
