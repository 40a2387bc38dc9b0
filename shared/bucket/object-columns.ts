import type { BucketObject, ObjectColumns } from "../ipc/channels/bucket";

/** A listing page's objects as `bucket.page` carries them: one array per field. */
export function objectColumns(objects: readonly BucketObject[]): ObjectColumns {
  return {
    keys: objects.map((object) => object.key),
    sizes: objects.map((object) => object.size),
    lastModified: objects.map((object) => object.lastModified),
    etags: objects.map((object) => object.etag),
    storageClasses: objects.map((object) => object.storageClass),
  };
}

/** The objects of a `bucket.page`, one record each, in listing order. */
export function objectsOfColumns(columns: ObjectColumns): BucketObject[] {
  return columns.keys.map((key, index) => ({
    key,
    size: columns.sizes[index] as number,
    lastModified: columns.lastModified[index] as string,
    etag: columns.etags[index] as string,
    storageClass: columns.storageClasses[index] as string,
  }));
}
