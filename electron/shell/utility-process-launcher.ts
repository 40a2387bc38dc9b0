import { utilityProcess } from "electron";
import {
  attachToServer,
  cliInvocation,
  type LocalBucketLauncher,
} from "../connections/local-bucket-launchers";
import { LOCAL_BUCKET_V8_FLAGS } from "../local-bucket/heap-flags";

/** Electron's way to run the Local bucket in a process of its own: a utility process. */
export function utilityProcessLauncher(modulePath: string): LocalBucketLauncher {
  return async (spec) => {
    const { args, env } = cliInvocation(spec);
    const child = utilityProcess.fork(modulePath, args, {
      env,
      // A utility process's execArgv become switches of its command line, and Electron gives
      // V8 the --js-flags switch before it creates the process's heap.
      execArgv: [`--js-flags=${LOCAL_BUCKET_V8_FLAGS.join(" ")}`],
      stdio: ["ignore", "pipe", "inherit"],
      serviceName: "Picops Local bucket",
    });
    return attachToServer(child, () => child.kill());
  };
}
