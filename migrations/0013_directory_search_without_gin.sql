DROP INDEX "search_documents_document";--> statement-breakpoint
DROP INDEX "search_documents_terms";--> statement-breakpoint
DROP INDEX "search_documents_themes";