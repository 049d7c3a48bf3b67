CREATE TABLE "imported_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_key" text NOT NULL,
	"format" text NOT NULL,
	"spec_version" text NOT NULL,
	"document" jsonb NOT NULL,
	"jwt" text,
	"verification" jsonb NOT NULL,
	"valid" boolean NOT NULL,
	"issuer_name" text,
	"achievement_name" text,
	"issued_at" timestamp with time zone,
	"source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ob3_authorization_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" text[] NOT NULL,
	"code_challenge" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ob3_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"client_uri" text,
	"logo_uri" text,
	"tos_uri" text,
	"policy_uri" text,
	"software_id" text,
	"software_version" text,
	"redirect_uris" text[] NOT NULL,
	"scopes" text[] NOT NULL,
	"token_endpoint_auth_method" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ob3_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ob3_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"family" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imported_credentials" ADD CONSTRAINT "imported_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ob3_authorization_codes" ADD CONSTRAINT "ob3_authorization_codes_connection_id_ob3_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."ob3_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ob3_connections" ADD CONSTRAINT "ob3_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ob3_connections" ADD CONSTRAINT "ob3_connections_client_id_ob3_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."ob3_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ob3_tokens" ADD CONSTRAINT "ob3_tokens_connection_id_ob3_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."ob3_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imported_credentials_key_idx" ON "imported_credentials" USING btree ("user_id","credential_key");--> statement-breakpoint
CREATE INDEX "imported_credentials_user_idx" ON "imported_credentials" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ob3_codes_connection_idx" ON "ob3_authorization_codes" USING btree ("connection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ob3_connections_user_client_idx" ON "ob3_connections" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ob3_tokens_hash_idx" ON "ob3_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "ob3_tokens_connection_idx" ON "ob3_tokens" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "ob3_tokens_family_idx" ON "ob3_tokens" USING btree ("family");