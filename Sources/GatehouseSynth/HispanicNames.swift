/// Common Hispanic surnames and given names, written for Gatehouse from general knowledge.
///
/// Weights come from the Census frequency files when a name is there; these lists only say
/// which names a Hispanic person in the synthetic population draws from.
enum HispanicNames {
    static let surnames: [String] = [
        "GARCIA", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "PEREZ", "SANCHEZ",
        "RAMIREZ", "TORRES", "FLORES", "RIVERA", "GOMEZ", "DIAZ", "REYES", "MORALES", "CRUZ",
        "ORTIZ", "GUTIERREZ", "CHAVEZ", "RAMOS", "RUIZ", "ALVAREZ", "MENDOZA", "VASQUEZ",
        "CASTILLO", "JIMENEZ", "MORENO", "ROMERO", "HERRERA", "MEDINA", "AGUILAR", "GARZA",
        "CASTRO", "VARGAS", "FERNANDEZ", "GUZMAN", "MENDEZ", "MUNOZ", "SALAZAR", "SOTO",
        "DELGADO", "PENA", "RIOS", "ALVARADO", "SANDOVAL", "CONTRERAS", "VALDEZ", "GUERRERO",
        "ORTEGA", "ESTRADA", "NUNEZ", "VEGA", "MALDONADO", "DOMINGUEZ", "CARDENAS", "ACOSTA",
        "SANTIAGO", "LUNA", "MOLINA", "NAVARRO", "CAMPOS", "ROJAS", "FUENTES", "CABRERA",
        "IBARRA", "ESPINOZA", "CERVANTES", "MIRANDA", "SERRANO", "VELASQUEZ", "FIGUEROA",
        "MEJIA", "PADILLA", "ROSALES", "CORTEZ", "VAZQUEZ", "AVILA", "LEON", "TREVINO",
        "MARQUEZ", "SUAREZ", "ROSARIO", "VILLARREAL", "DURAN", "SOLIS", "BENITEZ", "ZAMORA",
        "ESPINOSA", "LARA", "OROZCO", "MEZA", "TAPIA", "TRUJILLO", "VELEZ", "ESCOBAR",
        "PACHECO", "HUERTA", "SANTOS", "BARRERA", "GALLEGOS", "MONTOYA", "ROBLES", "CORONA",
        "BAUTISTA", "MARIN", "ARELLANO", "VALENCIA", "OCHOA", "SALINAS", "VILLANUEVA",
        "JUAREZ", "ZUNIGA", "RANGEL", "MACIAS", "CAMACHO", "LOZANO", "QUINTERO", "CASTANEDA",
        "BELTRAN", "GALLARDO", "FRANCO", "BRAVO", "VALENZUELA", "VELAZQUEZ", "PONCE",
        "CORDOVA", "ARROYO", "AYALA", "DE LA CRUZ", "DE LEON", "ORDONEZ", "IBANEZ", "QUINTANA",
        "CARRILLO", "PAREDES", "BARRIOS", "OLIVARES", "ZAVALA", "VILLEGAS", "GALVAN",
        "TOLEDO", "ARIAS", "RIVAS", "PINEDA", "MONTES", "BERMUDEZ", "CORTES", "CEJA",
    ]

    static let maleGiven: [String] = [
        "JOSE", "JUAN", "LUIS", "CARLOS", "JESUS", "JORGE", "MIGUEL", "FRANCISCO", "ANTONIO",
        "MANUEL", "PEDRO", "ALEJANDRO", "RICARDO", "ROBERTO", "FERNANDO", "JAVIER", "RAFAEL",
        "MARIO", "RAUL", "DANIEL", "EDUARDO", "SERGIO", "ARMANDO", "VICTOR", "RAMON",
        "ENRIQUE", "IGNACIO", "HECTOR", "ALBERTO", "OSCAR", "ANGEL", "ARTURO", "JULIO",
        "GUILLERMO", "SALVADOR", "RUBEN", "ALFREDO", "ADRIAN", "GERARDO", "ERNESTO", "RODOLFO",
        "ANDRES", "GABRIEL", "DAVID", "MARTIN", "REFUGIO", "JAIME", "FELIPE", "AGUSTIN",
        "JOAQUIN", "ROGELIO", "SANTIAGO", "DIEGO", "EMILIO", "ISMAEL", "ESTEBAN", "OMAR",
        "HUMBERTO", "GILBERTO", "ALFONSO", "RAMIRO", "ISIDRO", "EFRAIN", "CESAR", "HUGO",
    ]

    static let femaleGiven: [String] = [
        "MARIA", "GUADALUPE", "ROSA", "ANA", "JUANA", "MARTHA", "CARMEN", "LETICIA", "PATRICIA",
        "LAURA", "VERONICA", "GABRIELA", "ALEJANDRA", "ADRIANA", "SILVIA", "ROSARIO", "SOFIA",
        "LUCIA", "CLAUDIA", "MONICA", "YOLANDA", "TERESA", "ISABEL", "ELENA", "BEATRIZ",
        "DOLORES", "ESPERANZA", "GLORIA", "LOURDES", "MARISOL", "BLANCA", "NORMA", "ARACELI",
        "MARICELA", "CONSUELO", "ROCIO", "PILAR", "ESTELA", "GRACIELA", "ALICIA", "JOSEFINA",
        "CRISTINA", "DIANA", "PAOLA", "DANIELA", "FERNANDA", "VALERIA", "XIMENA", "CAMILA",
        "ELIZABETH", "IRMA", "OFELIA", "SOCORRO", "IMELDA", "LORENA", "INES",
    ]

    /// Spanish spellings with diacritics, keyed by the plain uppercase form.
    static let accented: [String: String] = [
        "JOSE": "JOSÉ", "MARIA": "MARÍA", "JESUS": "JESÚS", "RAUL": "RAÚL", "RAMON": "RAMÓN",
        "MARTIN": "MARTÍN", "ANDRES": "ANDRÉS", "ANGEL": "ÁNGEL", "OSCAR": "ÓSCAR",
        "HECTOR": "HÉCTOR", "RUBEN": "RUBÉN", "SOFIA": "SOFÍA", "LUCIA": "LUCÍA",
        "MONICA": "MÓNICA", "VERONICA": "VERÓNICA", "INES": "INÉS", "JOAQUIN": "JOAQUÍN",
        "AGUSTIN": "AGUSTÍN", "EFRAIN": "EFRAÍN", "CESAR": "CÉSAR", "ROCIO": "ROCÍO",
        "GONZALEZ": "GONZÁLEZ", "RODRIGUEZ": "RODRÍGUEZ", "MARTINEZ": "MARTÍNEZ",
        "HERNANDEZ": "HERNÁNDEZ", "LOPEZ": "LÓPEZ", "PEREZ": "PÉREZ", "SANCHEZ": "SÁNCHEZ",
        "RAMIREZ": "RAMÍREZ", "GOMEZ": "GÓMEZ", "DIAZ": "DÍAZ", "MUNOZ": "MUÑOZ",
        "JIMENEZ": "JIMÉNEZ", "PENA": "PEÑA", "NUNEZ": "NÚÑEZ", "IBANEZ": "IBÁÑEZ",
        "FERNANDEZ": "FERNÁNDEZ", "GUTIERREZ": "GUTIÉRREZ", "ALVAREZ": "ÁLVAREZ",
        "VAZQUEZ": "VÁZQUEZ", "CASTANEDA": "CASTAÑEDA", "ORDONEZ": "ORDÓÑEZ",
        "BENITEZ": "BENÍTEZ", "MENDEZ": "MÉNDEZ", "VELAZQUEZ": "VELÁZQUEZ", "SUAREZ": "SUÁREZ",
        "CHAVEZ": "CHÁVEZ", "DOMINGUEZ": "DOMÍNGUEZ", "MARQUEZ": "MÁRQUEZ", "CORTES": "CORTÉS",
        "LEON": "LEÓN", "RIOS": "RÍOS", "GARCIA": "GARCÍA", "JUAREZ": "JUÁREZ",
        "ZUNIGA": "ZÚÑIGA", "TREVINO": "TREVIÑO", "BELTRAN": "BELTRÁN", "GALVAN": "GALVÁN",
        "MEJIA": "MEJÍA", "BERMUDEZ": "BERMÚDEZ", "DURAN": "DURÁN", "MARIN": "MARÍN",
        "VELASQUEZ": "VELÁSQUEZ", "VASQUEZ": "VÁSQUEZ",
    ]
}
