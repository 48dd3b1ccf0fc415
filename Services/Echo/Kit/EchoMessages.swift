import Wire

/// `echo.EchoRequest`.
public struct EchoRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.EchoRequest"
    public var text: String
    public var blob: [UInt8]
    public init(text: String = "", blob: [UInt8] = []) {
        self.text = text
        self.blob = blob
    }
}

/// `echo.EchoResponse`.
public struct EchoResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.EchoResponse"
    public var text: String
    public var blob: [UInt8]
    public var instanceId: String
    public init(text: String, blob: [UInt8], instanceId: String) {
        self.text = text
        self.blob = blob
        self.instanceId = instanceId
    }
}

/// `echo.SleepRequest`.
public struct SleepRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.SleepRequest"
    public var millis: UInt32
    public init(millis: UInt32) { self.millis = millis }
}

/// `echo.SleepResponse`.
public struct SleepResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.SleepResponse"
    public var sleptMillis: UInt32
    public var cancelled: Bool
    public init(sleptMillis: UInt32, cancelled: Bool) {
        self.sleptMillis = sleptMillis
        self.cancelled = cancelled
    }
}

/// `echo.FailRequest`.
public struct FailRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.FailRequest"
    public var code: StatusCode
    public var message: String
    public init(code: StatusCode, message: String) {
        self.code = code
        self.message = message
    }
}

/// `echo.FailResponse`.
public struct FailResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.FailResponse"
    public init() {}
}

/// `echo.ValidateRequest`.
public struct ValidateRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.ValidateRequest"
    public var idNumber: String
    public var amountFen: Int64
    public init(idNumber: String, amountFen: Int64) {
        self.idNumber = idNumber
        self.amountFen = amountFen
    }
}

/// `echo.ValidateResponse`.
public struct ValidateResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.ValidateResponse"
    public var maskedIdNumber: String
    public var birthDate: String
    public var sex: String
    public init(maskedIdNumber: String, birthDate: String, sex: String) {
        self.maskedIdNumber = maskedIdNumber
        self.birthDate = birthDate
        self.sex = sex
    }
}

/// `echo.RelayRequest`.
public struct RelayRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.RelayRequest"
    public var service: String
    public var method: String
    public var text: String
    public init(service: String, method: String, text: String) {
        self.service = service
        self.method = method
        self.text = text
    }
}

/// `echo.RelayResponse`.
public struct RelayResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.RelayResponse"
    public var text: String
    public var passedDeadlineMs: UInt32
    public init(text: String, passedDeadlineMs: UInt32) {
        self.text = text
        self.passedDeadlineMs = passedDeadlineMs
    }
}

/// `echo.WhoAmIRequest`.
public struct WhoAmIRequest: ProtoMessage, Equatable {
    public static let protoName = "echo.WhoAmIRequest"
    public init() {}
}

/// `echo.WhoAmIResponse`.
public struct WhoAmIResponse: ProtoMessage, Equatable {
    public static let protoName = "echo.WhoAmIResponse"
    public var principalId: String
    public var roles: [String]
    public var gridScope: [String]
    public var purpose: String
    public var requestId: String
    public var deadlineMs: UInt32
}
