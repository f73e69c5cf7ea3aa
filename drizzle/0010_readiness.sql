ALTER TABLE "qualifications" DROP CONSTRAINT "qualifications_kind_ck";--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "required_vaccinations" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_kind_ck" CHECK ("qualifications"."kind" in ('language','driving_licence','firearms','medical','security_clearance','passport','un_assessment','specialisation','skill','visa','vaccination'));--> statement-breakpoint
UPDATE "missions" SET "required_vaccinations" = '{yellow_fever}' WHERE "host_country_code" IN ('CD','CF','ML','SS','SD','NE','BF','CI','SL','LR','GH','TD','CG','CM','NG','GN','BJ','TG');
