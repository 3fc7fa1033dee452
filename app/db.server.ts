import { openDatabase } from "../db/client";
import { env } from "./env.server";

/** The one connection of this server process, migrated when the server starts. */
export const { db, sqlite } = openDatabase(env.DATABASE_PATH);
