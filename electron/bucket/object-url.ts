import type { ConnectionSummary } from "../../shared/connections";
import { type CosEndpoint, objectUrl } from "../cos/endpoint";

/**
 * The address a designer pastes elsewhere: COS's virtual-host URL (or the profile's custom
 * domain) for a cloud connection, the loopback address for the Local bucket. It is the plain
 * object URL: whether it opens without a signature depends on the bucket's ACL.
 */
export function shareableObjectUrl(
  connection: Pick<ConnectionSummary, "kind" | "region" | "customDomain">,
  localBaseUrl: string | undefined,
  bucket: string,
  key: string,
): string {
  const endpoint: CosEndpoint =
    connection.kind === "local" && localBaseUrl !== undefined
      ? { kind: "path-style", baseUrl: localBaseUrl }
      : connection.customDomain
        ? { kind: "custom-domain", domain: connection.customDomain }
        : { kind: "virtual-host" };
  return objectUrl(endpoint, bucket, connection.region, key);
}
