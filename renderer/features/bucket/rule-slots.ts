import { MAX_RULES, type ProcessOptions } from "../../../shared/uploads/options";

/**
 * The options with `rule` in a slot: the first empty one, else a new slot named like the
 * upload's (`{name}_<n>.{format}`); unchanged when all five are taken.
 */
export function withRule(options: ProcessOptions, rule: string): ProcessOptions {
  const empty = options.rules.findIndex((slot) => slot.rule.trim() === "");
  if (empty >= 0)
    return { ...options, rules: options.rules.map((slot, i) => (i === empty ? { ...slot, rule } : slot)) };
  if (options.rules.length >= MAX_RULES) return options;
  const n = options.rules.length + 1;
  return { ...options, rules: [...options.rules, { rule, fileid: `{name}_${n}.{format}` }] };
}
