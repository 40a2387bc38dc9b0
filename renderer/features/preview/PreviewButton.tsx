import { useT } from "../../i18n";
import "./preview.css";
import { usePreviewSample } from "./sample-store";

/** Makes a file the designer added the preview's sample. */
export function PreviewButton(props: { fileId: string; name: string }) {
  const t = useT();
  const setSample = usePreviewSample((state) => state.setSample);
  const current = usePreviewSample(
    (state) => state.sample?.kind === "file" && state.sample.fileId === props.fileId,
  );
  return (
    <button
      type="button"
      className="link preview-pick"
      aria-label={t("preview.pickLabel", { name: props.name })}
      aria-pressed={current}
      onClick={() => setSample({ kind: "file", fileId: props.fileId, name: props.name })}
    >
      {t("preview.pick")}
    </button>
  );
}
