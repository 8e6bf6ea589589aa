import { isDatabaseReachable, type Db } from "../../db/database.ts";

export class SystemService {
  constructor(private readonly db: Db) {}

  async isDatabaseReachable(): Promise<boolean> {
    return isDatabaseReachable(this.db);
  }
}
