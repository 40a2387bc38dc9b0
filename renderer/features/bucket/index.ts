/** The bucket browser: folders, objects, their details, and processing them in the bucket. */
export { BucketButton } from "./BucketButton";
export { BucketWorkspace } from "./BucketWorkspace";
export { BucketProvider, type BucketStores, createBucketStores } from "./context";
export { UseInBucketProcessing } from "./UseInBucketProcessing";
