import { useEffect, useState } from "react";
import { isImageKey } from "../../shared/images/image-keys";
import { api } from "../api";
import { queueThumbnail } from "./thumbnail-queue";

/** Thumbnails already made this session, so scrolling back shows them at once. */
const made = new Map<string, string>();
/** A tile must stay in view this long before its thumbnail is asked for: a fling past thousands asks for none. */
const SETTLE_MS = 120;

/** A lazily made thumbnail: only tiles in view are mounted, so only they ask the main process. */
export function Thumbnail(props: { bucket: string; objectKey: string; etag: string; size: number }) {
  const id = `${props.bucket}/${props.objectKey}/${props.etag}/${props.size}`;
  const [url, setUrl] = useState(made.get(id));
  const [failed, setFailed] = useState(false);
  const image = isImageKey(props.objectKey);

  useEffect(() => {
    if (!image || made.has(id)) return;
    let live = true;
    let withdraw = () => {};
    const timer = setTimeout(() => {
      withdraw = queueThumbnail(() =>
        api
          .call("media.thumbnail", {
            bucket: props.bucket,
            key: props.objectKey,
            size: props.size,
            etag: props.etag,
          })
          .then(
            (result) => {
              made.set(id, result.url);
              if (live) setUrl(result.url);
            },
            () => live && setFailed(true),
          ),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      withdraw();
    };
  }, [id, image, props.bucket, props.objectKey, props.size, props.etag]);

  if (!image || failed || !url) return <span className="thumb-placeholder" aria-hidden="true" />;
  // No loading="lazy": only tiles in view are mounted, so the browser's own deferral would only delay them.
  return <img className="thumb" src={url} alt="" decoding="async" onError={() => setFailed(true)} />;
}
