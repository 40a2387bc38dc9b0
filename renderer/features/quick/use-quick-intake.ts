import { useCallback } from "react";
import { useQuick } from "./context";
import type { GivenFile } from "./pasted-files";

/**
 * Where dropped and pasted files go: to the upload list, or — with Quick upload on — straight
 * to the bucket with the destination's default for `prefix`. Files whose plan is refused
 * (a default rule the engine knows fails on them) go to the upload list instead, to be changed there.
 */
export function useQuickIntake(
  addFiles: (files: GivenFile[]) => Promise<void> | void,
  prefix: string,
): (files: GivenFile[]) => Promise<void> {
  const quick = useQuick((state) => state.quick);
  const quickUpload = useQuick((state) => state.quickUpload);
  return useCallback(
    async (files) => {
      if (quick && (await quickUpload(files, prefix))) return;
      await addFiles(files);
    },
    [quick, quickUpload, addFiles, prefix],
  );
}
