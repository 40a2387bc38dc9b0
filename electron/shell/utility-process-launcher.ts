import { utilityProcess } from "electron";
import {
  attachToServer,
  cliInvocation,
  type LocalBucketLauncher,
} from "../connections/local-bucket-launchers";

/** Electron's way to run the Local bucket in a process of its own: a utility process. */
export function utilityProcessLauncher(modulePath: string): LocalBucketLauncher {
  return async (spec) => {
    const { args, env } = cliInvocation(spec);
    const child = utilityProcess.fork(modulePath, args, {
      env,
      stdio: ["ignore", "pipe", "inherit"],
      serviceName: "Picops Local bucket",
    });
    return attachToServer(child, () => child.kill());
  };
}
