import { PicopsError } from "../../shared/errors";
import type { ConnectionList } from "../../shared/ipc/channels/connections";
import type { ConnectionClients } from "../connections/clients";
import type { JobTarget } from "./service";

/** Jobs run on the active connection's default bucket, as the Bucket tab's processing does. */
export function activeJobTarget(
  clients: Pick<ConnectionClients, "ciJobs" | "get">,
  connections: () => ConnectionList,
): () => Promise<JobTarget> {
  return async () => {
    const { connections: list, activeId } = connections();
    const active = list.find((connection) => connection.id === activeId);
    if (!active?.defaultBucket) throw new PicopsError("no-bucket", "no-default-bucket");
    return {
      client: await clients.ciJobs(active.id),
      cos: await clients.get(active.id),
      bucket: active.defaultBucket,
      region: active.region,
    };
  };
}
