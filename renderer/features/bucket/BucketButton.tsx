import { useT } from "../../i18n";
import { useBrowseStore } from "./context";

/** The sidebar's entry for a bucket: opens it at its root in the Bucket tab. */
export function BucketButton(props: { bucket: string; onOpen(): void }) {
  const t = useT();
  const browse = useBrowseStore();
  return (
    <button
      type="button"
      className="link bucket-name mono"
      aria-label={t("browse.openBucket", { bucket: props.bucket })}
      onClick={() => {
        const { place, open } = browse.getState();
        if (place?.bucket !== props.bucket || place.prefix !== "") open({ bucket: props.bucket, prefix: "" });
        props.onOpen();
      }}
    >
      {props.bucket}
    </button>
  );
}
