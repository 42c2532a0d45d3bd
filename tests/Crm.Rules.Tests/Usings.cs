global using Crm.Rules.Scoring;
global using Crm.Rules.Testing;
global using Crm.Rules.Tests.Support;
