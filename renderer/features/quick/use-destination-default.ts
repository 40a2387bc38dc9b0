import { useMemo } from "react";
import { type DefaultRules, defaultRulesFor } from "../../../shared/destinations/destination-default";
import { useActiveConnection } from "../connections";
import { useQuick } from "./context";

/**
 * The rules the active connection's default for `prefix` puts in the upload form (the longest
 * matching prefix's, else the connection's), or none when that default has no preset.
 */
export function useDestinationDefaultRules(prefix: string): DefaultRules | undefined {
  const connectionId = useActiveConnection()?.id;
  const defaults = useQuick((state) => state.defaults);
  const prefixes = useQuick((state) => state.prefixes);
  const presets = useQuick((state) => state.presets);
  return useMemo(
    () =>
      connectionId === undefined
        ? undefined
        : defaultRulesFor(defaults, prefixes, presets, connectionId, prefix),
    [connectionId, defaults, prefixes, presets, prefix],
  );
}
