import type { Readable } from "node:stream";
import { utilityProcess } from "electron";
import { cliInvocation, firstUrlLine, type LocalBucketLauncher } from "./local-bucket-launchers";

/** Electron's way to run the Local bucket in a process of its own: a utility process. */
export function utilityProcessLauncher(modulePath: string): LocalBucketLauncher {
  return async (spec) => {
    const { args, env } = cliInvocation(spec);
    const child = utilityProcess.fork(modulePath, args, {
      env,
      stdio: ["ignore", "pipe", "inherit"],
      serviceName: "Picops Local bucket",
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = await Promise.race([
      firstUrlLine(child.stdout as Readable),
      exited.then(() => {
        throw new Error("The Local bucket stopped while starting.");
      }),
    ]);
    return {
      url,
      async close() {
        child.kill();
        await exited;
      },
    };
  };
}
