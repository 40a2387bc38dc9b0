import type { PreviewAfter, PreviewBefore } from "../../../shared/ipc/channels/preview";
import { useT } from "../../i18n";
import { formatBytes } from "../../ui/format";
import { bytesChange, formatChange, pixels } from "./readout";

/** Format, pixel size, bytes and the change in bytes of both sides, and where the numbers come from. */
export function Readout(props: { before: PreviewBefore; after: PreviewAfter; measuring: boolean }) {
  const t = useT();
  const { before, after } = props;
  const image = after.kind === "image" ? after : undefined;
  return (
    <div className="preview-readout" data-testid="preview-readout">
      <table aria-label={t("preview.readout")}>
        <thead>
          <tr>
            <td />
            <th scope="col">{t("preview.format")}</th>
            <th scope="col">{t("preview.pixels")}</th>
            <th scope="col">{t("preview.bytes")}</th>
            <th scope="col">{t("preview.change")}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="preview-before-readout">
            <th scope="row">{t("preview.before")}</th>
            <td>{before.format}</td>
            <td>{pixels(before)}</td>
            <td>{formatBytes(before.bytes)}</td>
            <td />
          </tr>
          {image && (
            <tr data-testid="preview-after-readout">
              <th scope="row">{t("preview.after")}</th>
              <td>{image.format}</td>
              <td>{pixels(image)}</td>
              <td>{formatBytes(image.bytes)}</td>
              <td>{formatChange(bytesChange(before, image))}</td>
            </tr>
          )}
        </tbody>
      </table>
      {image && (
        <p className="preview-note">
          {image.scope === "working-copy" && before.working
            ? `${t("preview.workingCopy", { working: pixels(before.working), original: pixels(before) })} ${
                props.measuring ? t("preview.measuring") : ""
              }`
            : before.working
              ? t("preview.exact")
              : ""}{" "}
          {t(image.producer === "cos" ? "preview.byCos" : "preview.byLocal")}
        </p>
      )}
    </div>
  );
}
