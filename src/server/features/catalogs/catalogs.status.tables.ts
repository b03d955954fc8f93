/** How complete each kind of catalog is at a district or township layer (set by the district). */
export interface CatalogKindStatusTable {
  regionCode: string;
  kind: string;
  status: string;
  note: string | null;
  /** import | adopt | manual */
  source: string;
  catalogId: string | null;
  setBy: string | null;
  setByName: string | null;
  setAt: string;
  version: number;
}

declare module '../../db/schema.js' {
  interface DB {
    catalogKindStatus: CatalogKindStatusTable;
  }
}
