/** Shapes a diagram is drawn from: boxes with text labels and arrows between points. */

export type DiagramLang = 'en' | 'zh-CN';

/** `tone` picks a colour family from the site's CSS custom properties (see Diagram.astro). */
export type BoxTone = 'plane' | 'component' | 'store' | 'node' | 'client' | 'note';

export interface DiagramBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** One label per line; drawn as real <text> so it can be read, searched and translated. */
  lines: string[];
  tone: BoxTone;
  /** Group frames put their label at the top-left instead of the centre. */
  frame?: boolean;
}

export interface DiagramArrow {
  from: [number, number];
  to: [number, number];
  label?: string;
  /** Corner points between `from` and `to`, for an arrow that must go around boxes. */
  via?: Array<[number, number]>;
  /** Where the label starts; by default just beside the arrow's midpoint. */
  labelAt?: [number, number];
  /** Dashed arrows show watches (information flowing back), solid ones show requests. */
  dashed?: boolean;
}

/** One arrangement of a diagram's shapes in its own coordinate space. */
export interface DiagramLayout {
  width: number;
  height: number;
  boxes: DiagramBox[];
  arrows: DiagramArrow[];
}

export interface DiagramText {
  title: string;
  desc: string;
}

/** Every diagram carries its accessible title and description in both site languages. */
export type DiagramTexts = Record<DiagramLang, DiagramText>;

export function pickLang(lang: string | undefined): DiagramLang {
  return lang !== undefined && lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
