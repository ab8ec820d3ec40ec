// For tests: break a copy of the demo corpus the way a bad file would, one value at a time.

/** Sets (or, with undefined, removes) the value at a path such as "service_at_locations[0].location.latitude". */
export function edit(root: unknown, path: string, value: unknown): void {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let target = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
}
