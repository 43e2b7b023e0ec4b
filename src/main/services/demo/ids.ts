/** The database ids of the demo's reference rows, as the seeder creates them and its parts use them. */
export interface DemoIds {
  org: Map<string, number>;
  role: Map<string, number>;
  scenario: Map<'nothing' | 'plan', number>;
  /** lineage id of each demo pipeline, by name */
  lineage: Map<string, number>;
}
