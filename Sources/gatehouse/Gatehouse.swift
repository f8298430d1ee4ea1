import ArgumentParser

@main
struct Gatehouse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A confidentiality firewall for bulk record-verification requests.",
        // One per line, so that branches adding commands do not collide.
        subcommands: [
            MatchCommand.self,
            ExplainCommand.self,
            EvaluateCommand.self,
            SynthCommand.self,
            LedgerCommand.self,
            InitCommand.self,
            RecordsCommand.self,
            AgreementCommand.self,
            OrderCommand.self,
            BatchCommand.self,
            AccountingCommand.self,
            DemoCommand.self,
            ReviewCommand.self,
            DisposalCommand.self,
            ReportCommand.self,
            AuditCommand.self,
            ServeCommand.self,
            KeysCommand.self,
            RetentionCommand.self,
        ]
    )
}
