-- Tenant isolation and an append-only audit log, enforced by the database itself.
-- The application runs tenant work as role wijkkracht_app (SET LOCAL ROLE) with the tenant in a setting;
-- row-level security then makes rows of other tenants invisible, whatever a query forgets to filter.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wijkkracht_app') THEN
    CREATE ROLE wijkkracht_app NOLOGIN;
  END IF;
  BEGIN
    EXECUTE format('GRANT wijkkracht_app TO %I', current_user);
  EXCEPTION WHEN OTHERS THEN
    -- a superuser needs no membership; others must have been granted it by the DBA
    NULL;
  END;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION wijkkracht_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('wijkkracht.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
-- Called after every migration run, so tables added by later migrations are covered without extra work.
CREATE OR REPLACE FUNCTION wijkkracht_secure_tables() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  GRANT USAGE ON SCHEMA public TO wijkkracht_app;
  GRANT SELECT ON tenants TO wijkkracht_app;
  GRANT EXECUTE ON FUNCTION wijkkracht_current_tenant() TO wijkkracht_app;
  FOR r IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.table_name);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', r.table_name);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO wijkkracht_app '
      'USING (tenant_id = wijkkracht_current_tenant()) WITH CHECK (tenant_id = wijkkracht_current_tenant())',
      r.table_name);
    IF r.table_name = 'audit_log' THEN
      EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM wijkkracht_app';
      EXECUTE 'GRANT SELECT, INSERT ON audit_log TO wijkkracht_app';
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO wijkkracht_app', r.table_name);
    END IF;
  END LOOP;
  GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO wijkkracht_app;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION wijkkracht_audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION wijkkracht_audit_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION wijkkracht_audit_is_append_only();
