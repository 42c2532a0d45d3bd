global using Crm.Rules.Scoring;
global using Crm.Rules.Tests.Support;
