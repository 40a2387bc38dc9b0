import type { ConnectionSummary } from "../../shared/connections";
import type { DestinationDefault } from "../../shared/destinations/destination-default";
import type { ConnectionList } from "../../shared/ipc/contract";
import type { Preset } from "../../shared/presets/preset";
import { shareableObjectUrl } from "../bucket/object-url";
import { PicGoRefusal } from "./answers";

/** Where an editor's files go: the active connection's default bucket, with its default. */
export interface EditorDestination {
  connectionId: string;
  bucket: string;
  destination: DestinationDefault;
  /** The rule of the connection's default preset; none: the originals only. */
  presetRule: string | undefined;
  url(bucket: string, key: string): string;
}

export interface DestinationSources {
  connections(): ConnectionList;
  defaultFor(connectionId: string): DestinationDefault;
  presets(): Preset[];
  /** The Local bucket's address, started if need be. */
  localBucketUrl(): Promise<string>;
}

export async function resolveDestination(sources: DestinationSources): Promise<EditorDestination> {
  const { activeId, connections } = sources.connections();
  const connection = connections.find((candidate) => candidate.id === activeId) as ConnectionSummary;
  if (!connection.defaultBucket) {
    throw new PicGoRefusal("The active connection in Picops has no default bucket to upload to.");
  }
  const destination = sources.defaultFor(connection.id);
  const preset =
    destination.presetId === undefined
      ? undefined
      : sources.presets().find((candidate) => candidate.id === destination.presetId);
  if (destination.presetId !== undefined && !preset) {
    throw new PicGoRefusal(
      `The default preset of the connection "${connection.label}" no longer exists: choose another in Picops.`,
    );
  }
  const local = connection.kind === "local" ? await sources.localBucketUrl() : undefined;
  return {
    connectionId: connection.id,
    bucket: connection.defaultBucket,
    destination,
    presetRule: preset?.rule,
    url: (bucket, key) => shareableObjectUrl(connection, local, bucket, key),
  };
}
