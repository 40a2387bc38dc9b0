import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CosClient } from "../cos/client";
import { writeFileAtomic } from "../fs-atomic";
import type { LocalBucketLauncher, RunningLocalBucket } from "./local-bucket-launchers";
import type { CosCredentials } from "./vault";

const CredentialsSchema = z.object({ secretId: z.string().min(8), secretKey: z.string().min(16) });
const AddressSchema = z.object({ url: z.string().url(), region: z.string() });

export interface LocalConnection {
  bucket: RunningLocalBucket;
  region: string;
  credentials: CosCredentials;
}

/**
 * The built-in Local bucket: started on first use, on loopback, with a key pair made for
 * this installation (it still checks signatures, like COS, so the client is exercised for real).
 */
export class LocalConnectionHost {
  #running: Promise<LocalConnection> | undefined;

  constructor(
    private readonly folder: string,
    private readonly region: string,
    private readonly buckets: string[],
    private readonly launch: LocalBucketLauncher,
  ) {}

  get(): Promise<LocalConnection> {
    this.#running ??= this.#start();
    return this.#running;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    if (running) await (await running).bucket.close();
  }

  async #start(): Promise<LocalConnection> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const credentials = await this.#credentials();
    const bucket = await this.launch({
      root: path.join(this.folder, "buckets"),
      region: this.region,
      buckets: this.buckets,
      credentials,
    });
    // Where this run's Local bucket listens, for tools and tests that want to read it
    // directly (the keys beside it are this installation's own).
    await writeFileAtomic(
      path.join(this.folder, "address.json"),
      JSON.stringify({ url: bucket.url, region: this.region }),
    );
    return { bucket, region: this.region, credentials };
  }

  async #credentials(): Promise<CosCredentials> {
    const file = path.join(this.folder, "credentials.json");
    try {
      return CredentialsSchema.parse(JSON.parse(await readFile(file, "utf8")));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const credentials = {
      secretId: `AKIDlocal${randomBytes(12).toString("hex")}`,
      secretKey: randomBytes(24).toString("base64url"),
    };
    await writeFileAtomic(file, JSON.stringify(credentials));
    return credentials;
  }
}

/**
 * A COS client for the Local bucket that an app running on `folder` (its
 * `<data dir>/local-bucket`) has started: for tools, tests and benchmarks that read the
 * bucket from outside, the way any COS client would.
 */
export async function openLocalBucketClient(folder: string): Promise<{ client: CosClient; url: string }> {
  const address = AddressSchema.parse(JSON.parse(await readFile(path.join(folder, "address.json"), "utf8")));
  const credentials = CredentialsSchema.parse(
    JSON.parse(await readFile(path.join(folder, "credentials.json"), "utf8")),
  );
  const client = new CosClient({
    credentials,
    region: address.region,
    endpoint: { kind: "path-style", baseUrl: address.url },
  });
  return { client, url: address.url };
}
