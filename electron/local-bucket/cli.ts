import { parseArgs } from "node:util";
import { readyLine } from "../ready-line";
import { startLocalBucket } from "./index";

/**
 * `npm run local-bucket -- --root DIR --port N --bucket NAME-APPID --secret-id ID
 * --secret-key KEY --region REGION [--fault-token T]`. Prints `http://127.0.0.1:PORT` on
 * a line of its own once listening, then the ready line (`electron/ready-line.ts`) the app
 * and tests in other processes wait for, and closes cleanly on SIGINT/SIGTERM. The secret
 * key is never printed; it may come from the environment instead (`PICOPS_LOCAL_SECRET_KEY`),
 * where `ps` does not show it, and so may the fault token (`PICOPS_LOCAL_FAULT_TOKEN`).
 * Started by the app as a child process, it exits when the app does, even if the app was
 * killed.
 */

const USAGE =
  "usage: local-bucket --root DIR --bucket NAME-APPID [--bucket …] --secret-id ID (--secret-key KEY | env PICOPS_LOCAL_SECRET_KEY) --region REGION [--port N] [--fault-token T]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: "string" },
      port: { type: "string", default: "0" },
      bucket: { type: "string", multiple: true },
      "secret-id": { type: "string" },
      "secret-key": { type: "string" },
      region: { type: "string" },
      "fault-token": { type: "string" },
    },
    strict: true,
  });
  const { root, region } = values;
  const secretId = values["secret-id"];
  const secretKey = values["secret-key"] ?? process.env.PICOPS_LOCAL_SECRET_KEY;
  const port = Number(values.port);
  if (!root || !region || !secretId || !secretKey || !values.bucket?.length || !Number.isInteger(port)) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const bucket = await startLocalBucket({
    root,
    port,
    region,
    buckets: values.bucket,
    credentials: [{ secretId, secretKey }],
    // From the environment too, so a test can reach the Local bucket an app starts for itself.
    faultControlToken: values["fault-token"] ?? process.env.PICOPS_LOCAL_FAULT_TOKEN,
  });
  process.stdout.write(`${bucket.url}\n`);
  process.stdout.write(readyLine({ server: "local-bucket", url: bucket.url }));
  const stop = () => {
    bucket.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // With an IPC channel (forked by the app), the channel closing means the app is gone.
  if (process.send) process.once("disconnect", stop);
}

main().catch((error: unknown) => {
  // Messages name the problem (a bad bucket name, a port in use), never the credentials.
  process.stderr.write(`local-bucket: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
