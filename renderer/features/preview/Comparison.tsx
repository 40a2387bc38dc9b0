import {
  type CSSProperties,
  type HTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  type Ref,
  type RefObject,
  useEffect,
  useRef,
} from "react";
import type { PreviewAfter, PreviewBefore } from "../../../shared/ipc/channels/preview";
import { useT } from "../../i18n";
import { afterScale } from "./readout";
import type { ComparisonMode, Zoom } from "./store";

type AfterImage = Extract<PreviewAfter, { kind: "image" }>;

interface ComparisonProps {
  before: PreviewBefore;
  /** Absent when there is no after image: the before image is shown alone. */
  after: AfterImage | undefined;
  mode: ComparisonMode;
  zoom: Zoom;
  showBefore: boolean;
  divider: number;
  onDivider(divider: number): void;
}

/** Before and after, compared with a slider, side by side, or one at a time. */
export function Comparison(props: ComparisonProps) {
  const t = useT();
  const { before, after, zoom } = props;
  // At 100 % both sides are drawn at the pixel size of what they stand for, so a working copy
  // is drawn as large as the original it was made from.
  const beforePicture = (
    <Picture
      url={before.url}
      alt={t("preview.before")}
      zoom={zoom}
      width={before.width}
      height={before.height}
    />
  );
  const aspect = before.width > 0 && before.height > 0 ? before.width / before.height : 1;
  if (!after) {
    return (
      <Stage zoom={zoom} aspect={aspect} label={t("preview.before")}>
        <div className="preview-layer">{beforePicture}</div>
      </Stage>
    );
  }
  const scale = afterScale(before, after);
  const afterPicture = (
    <Picture
      url={after.url}
      alt={t("preview.after")}
      zoom={zoom}
      width={Math.round(after.width * scale)}
      height={Math.round(after.height * scale)}
      testId="preview-after-image"
    />
  );

  if (props.mode === "side-by-side") {
    return <SideBySide zoom={zoom} aspect={aspect} before={beforePicture} after={afterPicture} />;
  }
  if (props.mode === "toggle") {
    return (
      <Stage
        zoom={zoom}
        aspect={aspect}
        label={t("preview.showing", { side: sideName(t, props.showBefore) })}
      >
        <div className="preview-layer">{props.showBefore ? beforePicture : afterPicture}</div>
      </Stage>
    );
  }
  return (
    <SliderStage
      zoom={zoom}
      aspect={aspect}
      before={beforePicture}
      after={afterPicture}
      divider={props.divider}
      onDivider={props.onDivider}
    />
  );
}

function sideName(t: ReturnType<typeof useT>, before: boolean): string {
  return before ? t("preview.before") : t("preview.after");
}

function Picture(props: {
  url: string;
  alt: string;
  zoom: Zoom;
  width: number;
  height: number;
  testId?: string;
}) {
  return (
    <img
      src={props.url}
      alt={props.alt}
      data-testid={props.testId}
      draggable={false}
      style={props.zoom === "actual" ? { width: props.width, height: props.height } : undefined}
    />
  );
}

/**
 * The scrollable frame around the pictures. At 100 % it pans with the scroll bars, the arrow
 * keys (it is focusable) or by dragging, unless dragging means something else (the slider).
 */
function Stage(props: {
  zoom: Zoom;
  aspect: number;
  label: string;
  children: ReactNode;
  draggable?: boolean;
  frame?: RefObject<HTMLElement | null>;
  onScroll?(): void;
  stackProps?: HTMLAttributes<HTMLDivElement> & { ref?: Ref<HTMLDivElement> };
}) {
  const own = useRef<HTMLElement>(null);
  const frame = props.frame ?? own;
  // Zooming in starts from the middle of the picture, where the eye already is.
  useEffect(() => {
    const element = frame.current;
    if (!element || props.zoom !== "actual") return;
    element.scrollLeft = (element.scrollWidth - element.clientWidth) / 2;
    element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
  }, [frame, props.zoom]);
  const drag = useRef<{ x: number; y: number } | undefined>(undefined);
  const pannable = props.zoom === "actual" && props.draggable !== false;
  const stackStyle: CSSProperties | undefined =
    props.zoom === "fit" ? { aspectRatio: props.aspect } : undefined;
  return (
    <section
      ref={frame}
      className="preview-stage"
      data-zoom={props.zoom}
      aria-label={props.label}
      tabIndex={props.zoom === "actual" ? 0 : undefined}
      onScroll={props.onScroll}
      onPointerDown={(event) => {
        if (!pannable || event.button !== 0) return;
        drag.current = { x: event.clientX, y: event.clientY };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (!start) return;
        event.currentTarget.scrollBy(start.x - event.clientX, start.y - event.clientY);
        drag.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
    >
      <div className="preview-stack" style={stackStyle} {...props.stackProps}>
        {props.children}
      </div>
    </section>
  );
}

function SliderStage(props: {
  zoom: Zoom;
  aspect: number;
  before: ReactNode;
  after: ReactNode;
  divider: number;
  onDivider(divider: number): void;
}) {
  const t = useT();
  const stack = useRef<HTMLDivElement>(null);
  const { divider, onDivider } = props;
  const moveTo = (clientX: number) => {
    const rect = stack.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    onDivider(clamp(Math.round(((clientX - rect.left) / rect.width) * 100)));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    moveTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event.clientX);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 10 : 1;
    const next: Record<string, number> = {
      ArrowLeft: divider - step,
      ArrowDown: divider - step,
      ArrowRight: divider + step,
      ArrowUp: divider + step,
      PageDown: divider - 10,
      PageUp: divider + 10,
      Home: 0,
      End: 100,
    };
    const value = next[event.key];
    if (value === undefined) return;
    event.preventDefault();
    onDivider(clamp(value));
  };
  return (
    <Stage
      zoom={props.zoom}
      aspect={props.aspect}
      label={t("preview.stage")}
      draggable={false}
      stackProps={{ ref: stack, onPointerDown, onPointerMove }}
    >
      <div className="preview-layer">{props.before}</div>
      <div className="preview-layer" style={{ clipPath: `inset(0 0 0 ${divider}%)` }}>
        {props.after}
      </div>
      <div
        className="preview-divider"
        role="slider"
        tabIndex={0}
        aria-label={t("preview.divider")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={divider}
        aria-valuetext={t("preview.dividerValue", { n: 100 - divider })}
        style={{ left: `${divider}%` }}
        onKeyDown={onKeyDown}
      />
    </Stage>
  );
}

/** Two frames whose zoom is shared and whose scrolling follows each other. */
function SideBySide(props: { zoom: Zoom; aspect: number; before: ReactNode; after: ReactNode }) {
  const t = useT();
  const frames = [useRef<HTMLElement>(null), useRef<HTMLElement>(null)] as const;
  const follow = (from: 0 | 1) => () => {
    const source = frames[from].current;
    const target = frames[from === 0 ? 1 : 0].current;
    if (!source || !target) return;
    // Equal positions end the echo: the follower's own scroll event changes nothing.
    if (target.scrollLeft !== source.scrollLeft) target.scrollLeft = source.scrollLeft;
    if (target.scrollTop !== source.scrollTop) target.scrollTop = source.scrollTop;
  };
  return (
    <div className="preview-pair">
      <figure>
        <figcaption>{t("preview.before")}</figcaption>
        <Stage
          zoom={props.zoom}
          aspect={props.aspect}
          label={t("preview.before")}
          frame={frames[0]}
          onScroll={follow(0)}
        >
          <div className="preview-layer">{props.before}</div>
        </Stage>
      </figure>
      <figure>
        <figcaption>{t("preview.after")}</figcaption>
        <Stage
          zoom={props.zoom}
          aspect={props.aspect}
          label={t("preview.after")}
          frame={frames[1]}
          onScroll={follow(1)}
        >
          <div className="preview-layer">{props.after}</div>
        </Stage>
      </figure>
    </div>
  );
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}
