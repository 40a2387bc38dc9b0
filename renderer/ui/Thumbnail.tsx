import { useEffect, useState } from "react";
import { isImageKey } from "../../shared/images/image-keys";
import { useThumbnailSource } from "./thumbnail-source";

/** A tile must stay in view this long before its thumbnail is asked for: a fling past thousands asks for none. */
const SETTLE_MS = 120;

/** A lazily made thumbnail: only tiles in view are mounted, so only they ask the main process. */
export function Thumbnail(props: {
  bucket: string;
  objectKey: string;
  etag: string;
  size: number;
  /** The object's size in bytes, as listed. */
  bytes?: number;
}) {
  const source = useThumbnailSource();
  const { bucket, objectKey, etag, size, bytes } = props;
  const [url, setUrl] = useState(() => source.made({ bucket, objectKey, etag, size }));
  const [failed, setFailed] = useState(false);
  const image = isImageKey(objectKey);

  useEffect(() => {
    const request = { bucket, objectKey, etag, size, bytes };
    if (!image || source.made(request)) return;
    let live = true;
    let withdraw = () => {};
    const timer = setTimeout(() => {
      withdraw = source.request(request, {
        made: (made) => live && setUrl(made),
        failed: () => live && setFailed(true),
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      withdraw();
    };
  }, [source, image, bucket, objectKey, etag, size, bytes]);

  if (!image || failed || !url) return <span className="thumb-placeholder" aria-hidden="true" />;
  // No loading="lazy": only tiles in view are mounted, so the browser's own deferral would only delay them.
  return <img className="thumb" src={url} alt="" decoding="async" onError={() => setFailed(true)} />;
}
