import { useEffect, useState } from "react";
import { useUploadStore } from "./context";

/** A thumbnail of a file added to the upload, made by the main process from the file itself. */
export function FileThumbnail(props: { fileId: string }) {
  const { thumbnailOf } = useUploadStore().getState();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    void thumbnailOf(props.fileId).then((made) => live && setUrl(made));
    return () => {
      live = false;
    };
  }, [props.fileId, thumbnailOf]);
  if (!url) return <span className="thumb-placeholder intake-thumb" aria-hidden="true" />;
  return (
    <img className="thumb intake-thumb" src={url} alt="" decoding="async" data-testid="intake-thumbnail" />
  );
}
