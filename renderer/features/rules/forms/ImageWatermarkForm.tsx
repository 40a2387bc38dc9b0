import { useEffect, useState } from "react";
import { type ImageWatermarkStage, limitOf } from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { describedBy, Field } from "../../../ui/Field";
import { useActiveConnection } from "../../connections";
import { useWatermarkImages } from "../context";
import { watermarkImageKey, watermarkImageUrl } from "../watermark-image";
import { NumberField } from "./NumberField";
import { KeptParameters } from "./View2Form";
import { WatermarkPlacement } from "./WatermarkPlacement";

/** Keys of the bucket's images that start with what the designer typed, for the key field's suggestions. */
function useKeySuggestions(prefix: string, enabled: boolean): { keys: string[]; truncated: boolean } {
  const find = useWatermarkImages((state) => state.find);
  const keys = useWatermarkImages((state) => state.keys);
  const truncated = useWatermarkImages((state) => state.truncated);
  useEffect(() => {
    if (enabled) void find(prefix);
  }, [find, prefix, enabled]);
  return { keys, truncated };
}

export function ImageWatermarkForm(props: {
  id: string;
  stage: ImageWatermarkStage;
  onChange(stage: ImageWatermarkStage, source: string): void;
}) {
  const t = useT();
  const { stage, id } = props;
  const active = useActiveConnection();
  const [browsing, setBrowsing] = useState(false);
  const key = (stage.imageUrl === undefined ? stage.imageKey : watermarkImageKey(stage.imageUrl)) ?? "";
  const images = useKeySuggestions(key, browsing);
  const patch = (change: Partial<ImageWatermarkStage>, field: string) =>
    props.onChange({ ...stage, ...change }, `${id}-${field}`);
  const limit = (name: "spcent") => limitOf("watermark/1", name);
  const bucket = active?.defaultBucket;

  return (
    <div className="step-form">
      <Field
        id={`${id}-key`}
        label={t("rules.field.imageKey")}
        hint={bucket ? t("rules.watermark.keyHint", { bucket }) : t("rules.watermark.noBucket")}
      >
        <input
          id={`${id}-key`}
          className="mono"
          list={`${id}-keys`}
          value={key}
          disabled={!bucket}
          spellCheck={false}
          onFocus={() => setBrowsing(true)}
          onChange={(event) =>
            bucket &&
            active &&
            patch(
              { imageUrl: watermarkImageUrl(bucket, active.region, event.target.value), imageKey: undefined },
              "key",
            )
          }
          {...describedBy(`${id}-key`, "hint")}
        />
        <datalist id={`${id}-keys`}>
          {images.keys.map((found) => (
            <option key={found} value={found} />
          ))}
        </datalist>
      </Field>
      {images.truncated && <p className="hint">{t("rules.watermark.moreKeys")}</p>}
      <p className="hint">
        {t("rules.watermark.url")} <code className="mono url">{stage.imageUrl}</code>
      </p>
      <WatermarkPlacement id={id} operation="watermark/1" value={stage} onChange={patch} />
      <div className="grid-2">
        <Field id={`${id}-scatype`} label={t("rules.field.scaleBy")}>
          <select
            id={`${id}-scatype`}
            value={stage.scatype ?? ""}
            onChange={(event) => {
              const scatype = event.target.value ? (Number(event.target.value) as 1 | 2 | 3) : undefined;
              patch({ scatype, spcent: scatype ? (stage.spcent ?? 100) : undefined }, "scatype");
            }}
            {...describedBy(`${id}-scatype`)}
          >
            <option value="">{t("rules.watermark.scaleNone")}</option>
            <option value="1">{t("rules.watermark.scaleWidth")}</option>
            <option value="2">{t("rules.watermark.scaleHeight")}</option>
            <option value="3">{t("rules.watermark.scaleArea")}</option>
          </select>
        </Field>
        {stage.scatype !== undefined && (
          <NumberField
            id={`${id}-spcent`}
            label={t("rules.field.size")}
            limit={limit("spcent")}
            value={stage.spcent}
            onChange={(spcent) => patch({ spcent }, "spcent")}
          />
        )}
        <Field id={`${id}-blogo`} label={t("rules.field.tooLarge")}>
          <select
            id={`${id}-blogo`}
            value={stage.blogo ?? ""}
            onChange={(event) =>
              patch(
                { blogo: event.target.value ? (Number(event.target.value) as 1 | 2) : undefined },
                "blogo",
              )
            }
            {...describedBy(`${id}-blogo`)}
          >
            <option value="">{t("rules.watermark.blogoDefault")}</option>
            <option value="1">{t("rules.watermark.blogoScale")}</option>
            <option value="2">{t("rules.watermark.blogoCrop")}</option>
          </select>
        </Field>
      </div>
      <KeptParameters unknown={stage.unknown} />
    </div>
  );
}
